//go:build tools

// Package realcluster pins, in one module graph, the programs that ./build compiles:
// helm 3 and helm 4, etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubectl and kwok.
package realcluster

import (
	_ "helm.sh/helm/v3/cmd/helm"
	_ "helm.sh/helm/v4/cmd/helm"
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubectl"
	_ "sigs.k8s.io/kwok/cmd/kwok"
)

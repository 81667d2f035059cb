// Command etcd is the etcd server, built from go.etcd.io/etcd/server/v3 at the version pinned in ../../go.mod.
// etcd's own main package lives in its root module (go.etcd.io/etcd/v3), which is not released at the
// server module's version; its main is this one call.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}

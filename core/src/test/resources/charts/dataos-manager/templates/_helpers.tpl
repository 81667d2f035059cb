{{- define "dataos-manager.labels" -}}
app.kubernetes.io/name: dataos-manager
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: dataos
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

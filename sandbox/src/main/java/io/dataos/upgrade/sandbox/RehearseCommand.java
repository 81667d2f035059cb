package io.dataos.upgrade.sandbox;

import io.dataos.upgrade.cli.DataosUpgradeCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dataos-upgrade rehearse}: the runbook's scenario end to end in the sandbox (in-process
 * Kubernetes API and Helm, a real local PostgreSQL), with an injected fault, leaving the plans, journals, backup kits and
 * report on disk. Exit 0 when the runbook behaved as the fault predicts, 1 otherwise. It lives here,
 * not in cli/, so that the engine jar carries no sandbox; {@link RehearsalCommandLine} adds it.
 */
@Command(
        name = "rehearse",
        mixinStandardHelpOptions = true,
        description = {
            "Rehearse the DataOS upgrade and rollback runbook on this machine: no cluster and no helm binary needed"
                    + " (or, with --cluster real, on a real control plane started from realcluster/build's binaries).",
            "Runs real Helm in-process against an in-process Kubernetes API and a real, throw-away local PostgreSQL"
                    + " (Debian's postgresql-15; started and stopped by the rehearsal): plan (examples/release-1.4 -> 1.5)"
                    + " -> approval (automatic, recorded) -> backup kit with pg_dump -> restore check -> helm upgrade"
                    + " -> injected fault -> top-down rollback (database restored from the dump) -> verification"
                    + " (incl. data integrity) -> run and RCA reports."
        })
final class RehearseCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--fault", defaultValue = "validation", paramLabel = "FAULT",
            description = "Fault to inject: none, validation, helm-failure, crash-and-resume (default: ${DEFAULT-VALUE}).")
    String fault;

    @Option(names = "--cluster", defaultValue = "sandbox", paramLabel = "WHERE",
            description = "sandbox: the in-process Kubernetes API and Helm (needs nothing but Java); real: a real"
                    + " Kubernetes control plane (etcd, kube-apiserver, controllers, scheduler, kwok) started from the"
                    + " binaries realcluster/build makes, with the real helm and kubectl, stopped at the end"
                    + " (docs/real-cluster.md). Default: ${DEFAULT-VALUE}.")
    String cluster;

    @Option(names = "--helm", defaultValue = "helm3", paramLabel = "HELM",
            description = "With --cluster real: the real helm to run, helm3 or helm4 (default: ${DEFAULT-VALUE}).")
    String helm;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "With --cluster real: the cache realcluster/build filled (default: $DATAOS_UPGRADE_CACHE,"
                    + " else ~/.cache/dataos-upgrade).")
    Path cache;

    @Option(names = "--work-dir", defaultValue = "dataos-rehearsal", paramLabel = "DIR",
            description = "Where to leave the kubeconfig, plans, journals, backups and report (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--chart", paramLabel = "DIR|TGZ",
            description = "Rehearse your own dataos-manager chart (a directory with Chart.yaml, or a .tgz) instead of"
                    + " the bundled example; needs --values. CRDs in its crds/ are installed into the sandbox.")
    Path chart;

    @Option(names = "--values", paramLabel = "FILE",
            description = "The values file you deploy --chart with (outside the work directory).")
    Path values;

    @Option(names = "--to-tag", paramLabel = "TAG",
            description = "With --chart: the image tag to upgrade to (default: the release manifest's, 1.5.0-e4f5a6b).")
    String toTag;

    @Option(names = "--installed", paramLabel = "STATE",
            description = "With --chart and --release: your platform state installed now (kind: PlatformState)"
                    + " instead of the example's; its manager section names the release, namespace, chart and version.")
    Path installed;

    @Option(names = "--release", paramLabel = "RELEASE",
            description = "With --chart and --installed: your release manifest to upgrade to (kind: Release).")
    Path release;

    @Override
    public Integer call() throws Exception {
        RehearsalFault chosen = RehearsalFault.fromOption(fault, "rehearse --fault");
        RehearsalCluster where = RehearsalCluster.fromOption(cluster, "rehearse --cluster");
        if (where == RehearsalCluster.SANDBOX && (cache != null || !"helm3".equals(helm))) {
            throw new io.dataos.upgrade.api.InvalidInputException("rehearse --cluster", "cluster", "--helm and"
                    + " --cache choose the real cluster's binaries: add --cluster real, or leave them out");
        }
        RehearsalOptions options = new RehearsalOptions(workDir, chosen, OperatorChart.of(chart, values, toTag,
                installed, release, workDir), where, helm, cache);
        var out = spec.commandLine().getOut();
        RehearsalResult result = new Rehearsal(options, line -> {
            out.println(line);
            out.flush();
        }).run();
        out.println(Rehearsal.LABEL + String.format("figures: %s start %d ms, upgrade run %d ms, rollback run %d ms,"
                        + " total %d ms", where == RehearsalCluster.REAL ? "control plane" : "sandbox",
                result.sandboxStart().toMillis(), result.upgradeTime().toMillis(),
                result.rollbackTime().toMillis(), result.total().toMillis()));
        out.println(Rehearsal.LABEL + (result.asExpected()
                ? "rehearsal passed: the runbook behaved as expected for fault '" + options.fault().option() + "'"
                : "rehearsal FAILED: unexpected outcome for fault '" + options.fault().option() + "', see " + result.report()));
        out.flush();
        return result.asExpected() ? 0 : DataosUpgradeCommand.EXIT_FAILED;
    }
}

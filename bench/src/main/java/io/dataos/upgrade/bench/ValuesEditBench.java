package io.dataos.upgrade.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dataos.upgrade.values.ManagerValuesFile;
import io.dataos.upgrade.values.SecretReferences;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Time and allocation of the line-exact {@code image.tag} edit on a large dataos-manager values file,
 * against the naive alternative (parse the whole file into a tree, change the tag, dump it again,
 * which also loses comments and formatting). Run: see docs/performance.md.
 */
public final class ValuesEditBench {

    private ValuesEditBench() {
    }

    public static void main(String[] args) {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        byte[] file = valuesFile(megabytes * 1024 * 1024);
        LoaderOptions big = new LoaderOptions();
        big.setCodePointLimit(64 * 1024 * 1024);
        YAMLMapper mapper = new YAMLMapper(YAMLFactory.builder().loaderOptions(big).build());

        System.out.printf("values file: %.1f MB, %d lines; %d measured rounds after %d warm-up rounds%n",
                file.length / 1048576.0, countLines(file), rounds, 5);
        report("ManagerValuesFile.updateImageTag (line-exact edit + re-validation)", rounds,
                () -> ManagerValuesFile.updateImageTag(file, "9.9.9").length);
        report("ManagerValuesFile.imageTag (validate + read the tag only)", rounds,
                () -> ManagerValuesFile.imageTag("values", file).length());
        report("SecretReferences.redact (backup copy, secrets replaced)", rounds,
                () -> SecretReferences.redact("values", file, List.of()).length);
        report("Jackson YAML readTree + set tag + writeValueAsBytes (parse+dump)", rounds, () -> {
            try {
                JsonNode tree = mapper.readTree(file);
                ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("image")).put("tag", "9.9.9");
                return mapper.writeValueAsBytes(tree).length;
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A values file shaped like the runbook's sample followed by many nested, commented components. */
    static byte[] valuesFile(int targetBytes) {
        StringBuilder yaml = new StringBuilder(targetBytes + 1024);
        yaml.append("instanceName:  dataos-training.example.com # Replace with DataOS Instance Domain Name\n")
                .append("primeAccountId: acct-0042 # DataOS Prime Account ID\n")
                .append("primeApiKey: <PRIME_API_KEY> # DataOS Prime API key\n")
                .append("image:\n    tag: 1.11.4 # Update the DataOS Manager tag version to the latest one\n")
                .append("logLevel: info\ncomponents:\n");
        for (int i = 0; yaml.length() < targetBytes; i++) {
            yaml.append("  component").append(i).append(":   # owner: team-").append(i % 17).append('\n')
                    .append("    version: \"1.").append(i).append(".0\"\n")
                    .append("    image: {repository: registry.example.com/c").append(i).append(", tag: v").append(i)
                    .append("}\n")
                    .append("    enabled: ").append(i % 2 == 0).append('\n')
                    .append("    env: [A, B, C]\n");
        }
        return yaml.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void report(String name, int rounds, java.util.function.IntSupplier work) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 5; i++) {
            sink += work.getAsInt();
        }
        double[] millis = new double[rounds];
        double[] cpuMillis = new double[rounds];
        long allocated = 0;
        for (int i = 0; i < rounds; i++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            sink += work.getAsInt();
            millis[i] = (System.nanoTime() - start) / 1e6;
            cpuMillis[i] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
            allocated += threads.getCurrentThreadAllocatedBytes() - before;
        }
        Arrays.sort(millis);
        Arrays.sort(cpuMillis);
        // CPU time of this thread is far less disturbed than wall time on a shared machine.
        System.out.printf("%-70s wall median %6.0f ms (min %6.0f)  cpu median %6.0f ms (min %6.0f)"
                + "  allocated %5.0f MB/op  [%d]%n", name, millis[rounds / 2], millis[0], cpuMillis[rounds / 2],
                cpuMillis[0], allocated / (double) rounds / 1048576.0, sink % 10);
    }

    private static int countLines(byte[] file) {
        int lines = 0;
        for (byte b : file) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }
}

package io.jenkins.plugins.dataos;

import hudson.EnvVars;
import hudson.Launcher;
import hudson.remoting.VirtualChannel;
import java.io.IOException;
import jenkins.security.MasterToSlaveCallable;

/**
 * The {@code java} the engine runs with on the agent, and how it was found, for messages: {@code $JAVA_HOME/bin/java}
 * of the step's environment (so a {@code tool} or {@code withEnv} applies, as it does to {@code sh}), else the
 * agent JVM's own when the launcher runs commands on the agent itself (not in a container a wrapper step chose),
 * else {@code java} on the PATH.
 */
record AgentJava(String command, String foundBy) {

    static AgentJava find(EnvVars environment, Launcher launcher) throws IOException, InterruptedException {
        String separator = launcher.isUnix() ? "/" : "\\";
        String javaHome = environment == null ? null : environment.get("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            return new AgentJava(javaHome + separator + "bin" + separator + "java", "JAVA_HOME of the build ("
                    + javaHome + ")");
        }
        VirtualChannel channel = launcher.getChannel();
        if (undecorated(launcher) && channel != null) {
            String agentHome = channel.call(new JavaHome());
            if (agentHome != null) {
                return new AgentJava(agentHome + separator + "bin" + separator + "java", "the agent JVM's java.home ("
                        + agentHome + ")");
            }
        }
        return new AgentJava("java", "java on the PATH");
    }

    /** A launcher a wrapper step (container, docker inside) decorated runs elsewhere than the agent JVM. */
    static boolean undecorated(Launcher launcher) {
        return launcher instanceof Launcher.LocalLauncher || launcher instanceof Launcher.RemoteLauncher;
    }

    /** Runs on the agent: the agent JVM's {@code java.home}. */
    private static final class JavaHome extends MasterToSlaveCallable<String, RuntimeException> {
        private static final long serialVersionUID = 1L;

        @Override
        public String call() {
            return System.getProperty("java.home");
        }
    }
}

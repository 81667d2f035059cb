package io.dataos.upgrade.cli;

import picocli.CommandLine;

/** The version printed by {@code --version}: the jar's implementation version. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = DataosUpgradeCommand.class.getPackage().getImplementationVersion();
        return new String[] {"dataos-upgrade " + (version == null ? "(development build)" : version)};
    }
}

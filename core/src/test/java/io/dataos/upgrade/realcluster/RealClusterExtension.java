package io.dataos.upgrade.realcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the one {@link ControlPlane} of the test run: started on first use, closed by JUnit
 * when the run ends (the root store closes what it holds, also after failed tests). Binaries that
 * are not built fail the test with the build command.
 */
public final class RealClusterExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RealClusterExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ControlPlane.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(ControlPlane.class, type -> {
            RealClusterBinaries binaries = RealClusterBinaries.locate();
            try {
                return ControlPlane.start(binaries, Files.createTempDirectory("real-cluster-"));
            } catch (IOException e) {
                throw new UncheckedIOException("starting the control plane: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the control plane", e);
            }
        }, ControlPlane.class);
    }
}

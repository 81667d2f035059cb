package io.dataos.upgrade.helm;

import io.dataos.upgrade.secret.SecretNames;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataos.upgrade.process.CommandFailedException;
import io.dataos.upgrade.run.CrashPoints;
import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.api.SecretProvider;
import io.dataos.upgrade.values.ManagerValuesFile;
import io.dataos.upgrade.api.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Runbook upgrade steps 3 and 4: set the dataos-manager image tag in the values file, then
 * {@code helm upgrade --install} with that file and a temporary overlay carrying the Prime API key.
 * The overlay is written readable by its owner only and deleted afterwards, also when Helm fails;
 * the key is masked in everything Helm prints.
 */
public final class ManagerUpgrade {

    /** The secret name the Prime API key is asked for under ({@link SecretNames}). */
    public static final String PRIME_API_KEY = SecretNames.PRIME_API_KEY;
    /** The values key the chart reads the Prime API key from (runbook step 3's sample). */
    public static final String PRIME_API_KEY_FIELD = "primeApiKey";
    /** File name of the temporary overlay inside the run's private directory. */
    public static final String OVERLAY_NAME = "prime-api-key.values.yaml";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HelmClient helm;
    private final Workspace workspace;
    private final SecretProvider secrets;

    public ManagerUpgrade(HelmClient helm, Workspace workspace, SecretProvider secrets) {
        this.helm = Objects.requireNonNull(helm);
        this.workspace = Objects.requireNonNull(workspace);
        this.secrets = Objects.requireNonNull(secrets);
    }

    /**
     * Step 3: rewrites {@code valuesFile} (workspace-relative) with {@code image.tag = newTag},
     * every other byte unchanged. Returns the tag it had before.
     */
    public String updateTag(String valuesFile, String newTag) throws IOException, InterruptedException {
        byte[] before = workspace.read(valuesFile);
        String previous = ManagerValuesFile.imageTag(valuesFile, before);
        byte[] after = ManagerValuesFile.updateImageTag(valuesFile, before, newTag);
        CrashPoints.reach("values-file.edited");
        workspace.write(valuesFile, after);
        return previous;
    }

    /**
     * Step 4: {@code helm upgrade --install} of {@code target} with {@code valuesFile} and the Prime
     * API key overlay written to {@code privateDir}/{@value #OVERLAY_NAME}, then reads the release's
     * status back.
     *
     * @param privateDir workspace-relative directory for the overlay, e.g. the run's directory
     * @throws CommandFailedException with Helm's own error, the key masked
     */
    public HelmRelease upgrade(HelmTarget target, String valuesFile, String privateDir, Duration timeout)
            throws IOException, InterruptedException {
        ManagerValuesFile.validate(valuesFile, workspace.read(valuesFile));
        Secret key = secrets.require(PRIME_API_KEY);
        String overlay = privateDir + "/" + OVERLAY_NAME;
        Throwable failure = null;
        try {
            workspace.writePrivate(overlay, overlayContent(key));
            CrashPoints.reach("helm-upgrade.overlay-written");
            helm.upgradeInstall(target, List.of(workspace.absolute(valuesFile), workspace.absolute(overlay)), timeout,
                    List.of(key));
            CrashPoints.reach("helm-upgrade.helm-finished");
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            deleteOverlay(overlay, failure);
        }
        return helm.status(target.release(), target.namespace())
                .orElseThrow(() -> new IllegalStateException("helm upgrade --install " + target.release()
                        + " succeeded but helm status does not find the release in namespace " + target.namespace()));
    }

    /** Deletes the overlay; a failure to do so is reported, attached to Helm's failure when there is one. */
    private void deleteOverlay(String overlay, Throwable failure) throws IOException, InterruptedException {
        try {
            workspace.delete(overlay);
        } catch (IOException | RuntimeException e) {
            IOException left = new IOException("the Prime API key overlay " + workspace.absolute(overlay)
                    + " could not be deleted: delete it by hand now (" + e.getMessage() + ")", e);
            if (failure == null) {
                throw left;
            }
            failure.addSuppressed(left);
        }
    }

    /** {@code primeApiKey: "<key>"}: a JSON string is a valid YAML scalar whatever the key holds. */
    static byte[] overlayContent(Secret key) throws IOException {
        return (PRIME_API_KEY_FIELD + ": " + JSON.writeValueAsString(key.reveal()) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}

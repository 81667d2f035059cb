package io.dataos.upgrade.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * The keys of {@link PlanAction#params()} the planners write, so that the executor's handlers and
 * the reports read the same names. Values are plain strings and never secrets; an argv list is a
 * JSON array in {@link #COMMAND} (read it with {@link #argv(PlanAction)}), as the executor's
 * command handler expects.
 */
public final class ActionParams {

    /** Workspace-relative environment install file a stack is reinstalled (or was installed) through. */
    public static final String INSTALL_FILE = "installFile";
    /** Image reference an action moves to ({@code to} holds the same for cluster images). */
    public static final String IMAGE = "image";
    /** Image reference in use before the action. */
    public static final String FROM_IMAGE = "fromImage";
    /** Semantic-version change of a component: MAJOR, MINOR, PATCH, ADDED or REMOVED. */
    public static final String CHANGE = "change";
    /** UPGRADE or DOWNGRADE. */
    public static final String DIRECTION = "direction";
    /** Owner of a Core Kernel component. */
    public static final String OWNER = "owner";
    /** Name of the interdependent group a Core Kernel action belongs to (its alphabetically first member). */
    public static final String GROUP = "group";
    /** How many components that group has. */
    public static final String GROUP_SIZE = "groupSize";
    /** The command an action runs, as a JSON array of strings (argv, never a shell line). */
    public static final String COMMAND = "command";
    /** How long a command may run: ISO-8601 duration. */
    public static final String TIMEOUT = "timeout";
    /** Name of the PostgreSQL snapshot to restore. */
    public static final String SNAPSHOT = "snapshot";
    /**
     * Where a PostgreSQL restore takes its data from: {@link #SOURCE_SNAPSHOT} (the platform's snapshot
     * in {@link #SNAPSHOT}, through the settings' {@code commands.restorePostgresSnapshot}) or
     * {@link #SOURCE_KIT} (the backup kit of run {@link #KIT_RUN}).
     */
    public static final String RESTORE_SOURCE = "restoreSource";
    public static final String SOURCE_SNAPSHOT = "snapshot";
    public static final String SOURCE_KIT = "backup-kit";
    /** Run id of the backup kit a restore uses. */
    public static final String KIT_RUN = "kitRun";
    /** DataOS release version a snapshot, backup or state belongs to. */
    public static final String RELEASE_VERSION = "releaseVersion";
    /** Helm chart reference, chart version and image tag of the dataos-manager release. */
    public static final String CHART = "chart";
    public static final String CHART_VERSION = "chartVersion";
    public static final String FROM_CHART_VERSION = "fromChartVersion";
    public static final String IMAGE_TAG = "imageTag";
    /** Helm release name and Kubernetes namespace of the dataos-manager release. */
    public static final String RELEASE_NAME = "releaseName";
    public static final String NAMESPACE = "namespace";
    /** Values-file key the manager tag update sets. */
    public static final String VALUES_KEY = "valuesKey";
    /** The maintenance window spec an approval or announcement is about. */
    public static final String WINDOW = "window";
    /** Expected downtime as an ISO-8601 duration. */
    public static final String DOWNTIME = "downtime";
    /** Announcement audiences: comma-separated contacts per runbook audience, under these key prefixes. */
    public static final String AUDIENCE_PREFIX = "audience.";
    /** What an announcement is: "upgrade" or "rollback". */
    public static final String NOTICE = "notice";
    /** Release notes: address, and newline-separated highlights and breaking changes. */
    public static final String NOTES_URL = "notesUrl";
    public static final String NOTES_HIGHLIGHTS = "notesHighlights";
    public static final String NOTES_BREAKING = "notesBreaking";
    /** Comma-separated names of the layers a verification covers. */
    public static final String LAYERS = "layers";
    /** Workspace path of the checks file a validation or verification runs (docs/verification.md). */
    public static final String CHECKS = "checks";
    /** Comma-separated runbook verifications a verification stands for (component-testing, ...). */
    public static final String VERIFICATIONS = "verifications";
    /** Risk level an assessment gate presents. */
    public static final String RISK_LEVEL = "riskLevel";
    /** Kubernetes version a new cluster is built at. */
    public static final String KUBERNETES_VERSION = "kubernetesVersion";
    /** PostgreSQL server version a restore targets. */
    public static final String POSTGRES_VERSION = "postgresVersion";
    /** Comma-separated {@code name=version} pairs the live platform must show (pre-checks). */
    public static final String EXPECTED = "expected";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ActionParams() {}

    /**
     * The restore source of a RESTORE_POSTGRES action as people read it ("the backup kit of run R",
     * "platform snapshot S"): the plan, the gate, the journal and the reports all use this text.
     */
    public static String restoreSource(PlanAction action) {
        if (SOURCE_KIT.equals(action.params().get(RESTORE_SOURCE))) {
            return "the backup kit of run " + action.params().get(KIT_RUN);
        }
        return "platform snapshot " + action.params().get(SNAPSHOT);
    }

    /** The argv stored under {@link #COMMAND}, or an empty list when the action runs no command. */
    public static List<String> argv(PlanAction action) {
        String json = action.params().get(COMMAND);
        if (json == null) {
            return List.of();
        }
        try {
            return List.of(JSON.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("action " + action.id() + " has a malformed argv parameter: " + e
                    .getOriginalMessage());
        }
    }

    static String argvJson(List<String> argv) {
        try {
            return JSON.writeValueAsString(argv);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

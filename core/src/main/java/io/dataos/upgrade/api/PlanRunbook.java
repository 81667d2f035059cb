package io.dataos.upgrade.api;

import io.dataos.upgrade.model.MaintenanceWindow;
import io.dataos.upgrade.model.Manifests;
import io.dataos.upgrade.model.PlatformState;
import io.dataos.upgrade.plan.Plan;
import io.dataos.upgrade.plan.PlanInputs;
import io.dataos.upgrade.plan.PlanJson;
import io.dataos.upgrade.plan.PlanMarkdown;
import io.dataos.upgrade.plan.PlanSeal;
import io.dataos.upgrade.plan.PlanType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The runbook's planning as one operation: reads the installed state and the target, checks the
 * maintenance window, plans the upgrade's five phases or the top-down rollback, and (with an output
 * folder) writes {@code plan.json} and {@code plan.md}, each replaced atomically. Nothing runs.
 */
public final class PlanRunbook {

    private final Clock clock;
    private final WindowRunbook windows;

    public PlanRunbook(Clock clock) {
        this(clock, null);
    }

    /** A planner that suggests a window with {@code windows} when a request asks for one and gives none. */
    public PlanRunbook(Clock clock, WindowRunbook windows) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.windows = windows;
    }

    /**
     * Plans {@code request}.
     *
     * @throws io.dataos.upgrade.api.InvalidInputException for a bad manifest, window or checks file
     */
    public PlanResult run(PlanRequest request) throws IOException, InterruptedException {
        Instant now = clock.instant();
        MaintenanceWindow window = request.window() == null ? null
                : MaintenanceWindow.parse(request.window(), now, request.windowSource(),
                        request.windowField());
        byte[] installed = Manifests.fileBytes(request.installed());
        PlatformState installedState = Manifests.readPlatformState(installed, request.installed().toString());
        WindowResult suggested = null;
        if (window == null && installedState.maintenanceWindow() == null && request.suggestWindow() != null
                && request.operation() == PlanRequest.Operation.UPGRADE) {
            if (windows == null) {
                throw new IllegalStateException("this planner suggests no windows: build it with a WindowRunbook");
            }
            suggested = windows.suggest(request.suggestWindow());
            window = MaintenanceWindow.parse(suggested.window());
        }
        byte[] target = Manifests.fileBytes(request.target());
        // The plan records what it was made from (a suggested window too), and is made by the same call a run
        // re-derives it with.
        PlanInputs inputs = new PlanInputs(now, PlanInputs.Input.of(request.installed().toString(), installed),
                PlanInputs.Input.of(request.target().toString(), target), window == null ? null : window.spec(),
                request.checks());
        Plan plan = PlanSeal.derive(request.operation() == PlanRequest.Operation.UPGRADE ? PlanType.UPGRADE
                : PlanType.ROLLBACK, inputs, installed, target);
        String windowSpec = window == null ? null : window.spec();
        String type = request.operation().type();
        if (request.outDir() == null) {
            return new PlanResult(type, plan, windowSpec, null, null, suggested, inputs);
        }
        // both renderings before either file, so a plan that cannot be rendered leaves nothing behind
        byte[] json = PlanJson.write(plan, inputs);
        byte[] markdown = PlanMarkdown.render(plan).getBytes(StandardCharsets.UTF_8);
        Path jsonFile = request.outDir().resolve(PlanResult.PLAN_JSON);
        Path markdownFile = request.outDir().resolve(PlanResult.PLAN_MARKDOWN);
        writeReplacing(jsonFile, json);
        writeReplacing(markdownFile, markdown);
        return new PlanResult(type, plan, windowSpec, jsonFile.toString(), markdownFile.toString(), suggested,
                inputs);
    }

    /** Writes {@code bytes} beside {@code file}, then renames it over: a reader never sees half a plan. */
    public static void writeReplacing(Path file, byte[] bytes) throws IOException {
        Path target = file.toAbsolutePath();
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

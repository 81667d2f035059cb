package io.dataos.upgrade.verify;

import io.dataos.upgrade.model.Layer;
import java.time.Duration;

/** One verification check read from a checks file; each type is a record with its own settings. */
public sealed interface Check
        permits RolloutCheck, HelmTestCheck, HttpCheck, PromQlCheck, DataIntegrityCheck, InterLayerCheck,
                CommandCheck {

    CheckBasics basics();

    CheckType type();

    default String name() {
        return basics().name();
    }

    default Layer layer() {
        return basics().layer();
    }

    default Duration timeout() {
        return basics().timeout();
    }

    /**
     * The longest the whole check may run before the runner gives up on it: one attempt's timeout,
     * plus the bake time for checks that watch the platform over time.
     */
    default Duration budget() {
        return timeout();
    }
}

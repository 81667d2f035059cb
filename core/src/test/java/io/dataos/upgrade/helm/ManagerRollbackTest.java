package io.dataos.upgrade.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.testing.FakeClis;
import io.dataos.upgrade.testing.HelmFixtures;
import io.dataos.upgrade.testing.HelmFixtures.Rev;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagerRollbackTest {

    @TempDir
    Path dir;
    FakeClis fake;
    ManagerRollback rollback;

    @BeforeEach
    void setUp() throws Exception {
        fake = FakeClis.install(dir);
        rollback = new ManagerRollback(new HelmClient(new LocalCommandRunner(), fake.helm(), null, null));
        fake.put("releases/dataos-manager/history.json", HelmFixtures.history(List.of(
                new Rev(5, "superseded", "1.10.2", "Install complete"),
                new Rev(6, "superseded", "1.11.4", "Upgrade complete"),
                new Rev(7, "deployed", "1.12.0", "Upgrade complete"))));
        fake.put("releases/dataos-manager/status.json", HelmFixtures.status("dataos-manager", "dataos-manager", 7,
                "deployed", "Upgrade complete", "1.12.0"));
        fake.put("releases/dataos-manager/after-rollback/status.json", HelmFixtures.status("dataos-manager",
                "dataos-manager", 8, "deployed", "Rollback to 6", "1.11.4"));
    }

    @Test
    void withoutARevisionItRollsBackToTheLastGoodOne() throws Exception {
        HelmRelease after = rollback.rollback(HelmTarget.DATAOS_MANAGER, null, Duration.ofMinutes(5));

        assertThat(fake.calls("helm", "rollback")).containsExactly(List.of("helm", "rollback", "dataos-manager", "6",
                "-n", "dataos-manager", "--wait", "--timeout", "300s"));
        assertThat(after.revision()).isEqualTo(8);
        assertThat(after.description()).isEqualTo("Rollback to 6");
        assertThat(after.chartVersion()).isEqualTo("1.11.4");
    }

    @Test
    void namedRevisionMustExistAndHaveBeenDeployed() {
        ReleaseHistory history = new ReleaseHistory("dataos-manager", "dataos-manager", List.of(
                new HelmRevision(1, null, "deployed", "c-1", "1", ""),
                new HelmRevision(2, null, "failed", "c-2", "2", "")));

        assertThat(ManagerRollback.chooseRevision(history, 1)).isEqualTo(1);
        assertThatThrownBy(() -> ManagerRollback.chooseRevision(history, 2)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has status failed");
        assertThatThrownBy(() -> ManagerRollback.chooseRevision(history, 3)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("revision 3 does not exist");
        assertThat(ManagerRollback.chooseRevision(history, null)).isEqualTo(1);
    }
}

package org.wienerspark.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * In cluster deploy mode (YARN's ApplicationMaster runs {@code main} in a thread) {@code main}
 * never calls {@code System.exit}, which would end this test's JVM: success returns, a failure
 * throws with its exit code.
 */
class MainDeployModeTest {

    private String before;

    @BeforeEach
    void clusterMode() {
        before = System.getProperty(Main.DEPLOY_MODE);
        System.setProperty(Main.DEPLOY_MODE, "cluster");
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(Main.DEPLOY_MODE);
        } else {
            System.setProperty(Main.DEPLOY_MODE, before);
        }
    }

    @Test
    void successReturnsInClusterMode() {
        assertDoesNotThrow(() -> Main.main(new String[] {"--version"}));
    }

    @Test
    void aUsageErrorThrowsWithExitCode2InClusterMode() {
        Main.CommandFailedException e = assertThrows(Main.CommandFailedException.class,
                () -> Main.main(new String[] {"separate", "--mixtures"}));
        assertEquals(2, e.exitCode());
    }

    @Test
    void clientModeIsNotClusterMode() {
        System.setProperty(Main.DEPLOY_MODE, "client");
        assertEquals(false, Main.clusterDeployMode());
    }
}

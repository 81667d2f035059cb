package io.dataos.upgrade.realcluster;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test of the real-cluster tier: tagged {@value #TAG} (left out of the default build, run by
 * {@code mvn -Preal-cluster}), and given the {@link ControlPlane} as a parameter.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(RealCluster.TAG)
@ExtendWith(RealClusterExtension.class)
public @interface RealCluster {

    String TAG = "real-cluster";
}

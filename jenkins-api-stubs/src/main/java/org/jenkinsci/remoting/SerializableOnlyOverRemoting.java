// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/remoting
// src/main/java/org/jenkinsci/remoting/SerializableOnlyOverRemoting.java (remoting bundled in Jenkins 2.479.3).
package org.jenkinsci.remoting;

import java.io.Serializable;

/** An object that may be serialized only to travel over a remoting channel. */
public interface SerializableOnlyOverRemoting extends Serializable {
}

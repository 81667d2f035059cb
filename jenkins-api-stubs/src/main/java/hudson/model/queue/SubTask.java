// Compile-time stand-in, never shipped: the signature of jenkinsci/jenkins
// core/src/main/java/hudson/model/queue/SubTask.java (Jenkins 2.479.3); its default methods are omitted.
package hudson.model.queue;

import hudson.model.ResourceActivity;

/** A piece of work an executor runs. */
public interface SubTask extends ResourceActivity {
}

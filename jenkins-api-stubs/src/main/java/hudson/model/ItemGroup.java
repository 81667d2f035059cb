// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/ItemGroup.java (Jenkins 2.479.3). Only the members that AbstractItem's
// modelled getters reach are declared; item listing and lookup are omitted.
package hudson.model;

import java.io.File;

/** A container of items (Jenkins itself, a folder). */
public interface ItemGroup<T extends Item> extends PersistenceRoot, ModelObject {

    String getFullName();

    String getFullDisplayName();

    String getUrl();

    File getRootDirFor(T child);
}

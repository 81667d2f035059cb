// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/ItemGroup.java (Jenkins 2.479.3). Members omitted (the plugin uses none);
// the real interface also extends PersistenceRoot and ModelObject.
package hudson.model;

/** A container of items (Jenkins itself, a folder). */
public interface ItemGroup<T extends Item> {
}

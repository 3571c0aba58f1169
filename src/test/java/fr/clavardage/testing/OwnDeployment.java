package fr.clavardage.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an Arquillian test class that deploys the module on its own ({@link ModuleDeployment#withDemoHost})
 * rather than on {@link ModuleDeployment#shared()}, for instance because it starts the module with other
 * settings. {@link DeploymentOrder} runs such classes after the ones that share, so that the shared
 * deployment, which has to make way for them, is deployed once.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OwnDeployment {
    /** Why the class cannot share (for the reader). */
    String value();
}

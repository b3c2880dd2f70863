package org.opsmon.monitoring.it;

import java.io.File;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Black-box tests of the WAR the build produced, deployed on Payara Micro against PostgreSQL:
 * integration tests deploy exactly what operators deploy and talk to it over HTTP.
 */
@ExtendWith({TestDatabase.class, ArquillianExtension.class})
@RunAsClient
abstract class DeployedApplication {

    @Deployment(testable = false)
    static WebArchive deployment() {
        File war = new File(System.getProperty("monitoring.war", "target/monitoring.war"));
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }

    @ArquillianResource
    URL base;

    Api api;
    String admin;

    @BeforeEach
    void connect() {
        api = new Api(base);
        admin = api.adminToken();
    }
}

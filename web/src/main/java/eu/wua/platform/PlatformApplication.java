package eu.wua.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * All JAX-RS endpoints, at the root: OpenID4VCI requires {@code /.well-known/...} at the issuer's
 * base URL. The console is the Faces servlet's, under {@code /console/*}, which the longer prefix wins.
 */
@ApplicationPath("/")
public class PlatformApplication extends Application {
}

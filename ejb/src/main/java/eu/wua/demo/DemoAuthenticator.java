package eu.wua.demo;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.eclipse.microprofile.config.ConfigProvider;

import eu.wua.issuer.PersonAuthenticator;
import eu.wua.platform.PlatformSettings;

/**
 * The embedded default's authenticator (haip-issuance.md, "Demo authenticator"): a username and a
 * password. The demo persons' PID attributes ship with the platform ({@code demo-persons.json});
 * their passwords come only from configuration ({@code wua.demo.person.<username>.password}, made
 * by {@code ./run}), and a person without one cannot sign in. Serves only where
 * {@code wua.demo.enabled} is on, like the rest of the demo data.
 */
@ApplicationScoped
public class DemoAuthenticator implements PersonAuthenticator {

    private static final String PERSONS = "/eu/wua/demo/demo-persons.json";

    @Inject
    private PlatformSettings settings;

    private volatile JsonObject persons;

    @Override
    public String id() {
        return "demo";
    }

    @Override
    public String title() {
        return "Demo sign-in (not a real eID)";
    }

    @Override
    public boolean available() {
        return settings.demoEnabled() && persons().keySet().stream().anyMatch(name -> password(name).isPresent());
    }

    @Override
    public List<Input> inputs() {
        return List.of(new Input("username", "Username", false), new Input("password", "Password", true));
    }

    @Override
    public Optional<AuthenticatedPerson> authenticate(Map<String, String> inputs) {
        String username = inputs.getOrDefault("username", "");
        String typed = inputs.getOrDefault("password", "");
        // the comparison runs for unknown names too, so that timing does not tell which names exist
        String expected = password(username).orElse("\u0000" + typed);
        boolean matches = MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), typed.getBytes(StandardCharsets.UTF_8));
        if (!matches || !persons().containsKey(username)) {
            return Optional.empty();
        }
        return Optional.of(new AuthenticatedPerson("demo:" + username, persons().getJsonObject(username)));
    }

    private static Optional<String> password(String username) {
        if (!username.matches("[a-z0-9-]{1,32}")) {
            return Optional.empty();
        }
        return ConfigProvider.getConfig().getOptionalValue("wua.demo.person." + username + ".password", String.class).filter(p -> !p.isBlank());
    }

    private JsonObject persons() {
        if (persons == null) {
            try (InputStream in = DemoAuthenticator.class.getResourceAsStream(PERSONS)) {
                persons = JSON.createReader(in).readObject();
            } catch (IOException e) {
                throw new IllegalStateException("the demo persons " + PERSONS + " cannot be read", e);
            }
        }
        return persons;
    }
}

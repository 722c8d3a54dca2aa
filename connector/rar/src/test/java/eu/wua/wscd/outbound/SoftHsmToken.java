package eu.wua.wscd.outbound;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A SoftHSM2 token of the test's own, in a private directory named by {@code SOFTHSM2_CONF}
 * (the build sets that variable for the test JVM, since the library reads it when it loads).
 */
final class SoftHsmToken {

    static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
    static final String PIN = "1234";

    private SoftHsmToken() {
    }

    /** Creates the configuration and a fresh, initialised token labelled {@code label}. */
    static synchronized void initialise(String label) throws IOException, InterruptedException {
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null) {
            throw new IllegalStateException("SOFTHSM2_CONF is not set: run with -Psofthsm");
        }
        Path confFile = Path.of(conf);
        Path tokens = confFile.getParent().resolve("tokens");
        Files.createDirectories(tokens);
        if (!Files.exists(confFile)) {
            Files.writeString(confFile, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                + "log.level = ERROR\nslots.removable = false\n");
        }
        Process init = new ProcessBuilder(List.of("softhsm2-util", "--init-token", "--free", "--label", label,
                "--pin", PIN, "--so-pin", "5678")).redirectErrorStream(true).start();
        String output = new String(init.getInputStream().readAllBytes());
        if (!init.waitFor(60, TimeUnit.SECONDS) || init.exitValue() != 0) {
            throw new IllegalStateException("softhsm2-util failed: " + output);
        }
    }

    /** Logs the token out for this whole process, as an HSM restart or a dropped session does. */
    static void logOut(String slot) throws Exception {
        java.security.AuthProvider provider = (java.security.AuthProvider) java.security.Security.getProvider("SunPKCS11")
                .configure("--name = Outage\nlibrary = " + LIBRARY + "\nslot = " + slot + "\n");
        java.security.KeyStore.getInstance("PKCS11", provider).load(null, PIN.toCharArray());
        provider.logout();
    }

    /** The slot id softhsm2-util reassigned the token with {@code label} to. */
    static String slotOf(String label) throws IOException, InterruptedException {
        Process show = new ProcessBuilder(List.of("softhsm2-util", "--show-slots")).redirectErrorStream(true).start();
        List<String> lines = new String(show.getInputStream().readAllBytes()).lines().toList();
        show.waitFor(60, TimeUnit.SECONDS);
        String slot = null;
        for (String line : lines) {
            String trimmed = line.trim();
            if (trimmed.startsWith("Slot ") && !trimmed.startsWith("Slot info")) {
                slot = trimmed.substring(5).trim();
            }
            if (trimmed.startsWith("Label:") && trimmed.substring(6).trim().equals(label)) {
                return slot;
            }
        }
        throw new IllegalStateException("no SoftHSM2 token labelled " + label + ": " + lines);
    }
}

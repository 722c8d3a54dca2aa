package eu.wua.wallet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * What the CLI remembers between runs: the instance id, the instance key (private: the file is
 * readable by its owner only), the remote keys and the credentials issued to them. Never the PIN.
 */
final class WalletState {

    private final Path file;
    private final Map<String, Object> values;

    private WalletState(Path file, Map<String, Object> values) {
        this.file = file;
        this.values = values;
    }

    static WalletState load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new WalletState(file, new LinkedHashMap<>());
        }
        try {
            return new WalletState(file, new LinkedHashMap<>(JsonUtil.parseJson(Files.readString(file))));
        } catch (JoseException e) {
            throw new IOException(file + " is not a wallet state file (" + e.getMessage() + ")", e);
        }
    }

    boolean registered() { return values.containsKey("instance_id"); }

    String instanceId() { return (String) values.get("instance_id"); }

    @SuppressWarnings("unchecked")
    PublicJsonWebKey instanceKey() throws IOException {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk((Map<String, Object>) values.get("instance_key"));
        } catch (JoseException e) {
            throw new IOException(file + " holds no usable instance key", e);
        }
    }

    void registered(ReferenceWallet wallet) {
        values.clear();
        values.put("platform", wallet.walletProvider().baseUrl().toString());
        values.put("instance_id", wallet.instanceId());
        values.put("instance_key", wallet.instanceKey().toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
        values.put("keys", new ArrayList<>());
    }

    @SuppressWarnings("unchecked")
    void addKeys(AttestedKeys attested) {
        List<Object> keys = new ArrayList<>((List<Object>) values.getOrDefault("keys", List.of()));
        for (RemoteKey key : attested.keys()) {
            keys.add(Map.of("kid", key.kid(), "jwk", key.jwk()));
        }
        values.put("keys", keys);
    }

    @SuppressWarnings("unchecked")
    RemoteKey key(String kid) {
        for (Map<String, Object> key : (List<Map<String, Object>>) values.getOrDefault("keys", List.of())) {
            if (kid.equals(key.get("kid"))) {
                return new RemoteKey(kid, (Map<String, Object>) key.get("jwk"));
            }
        }
        return null;
    }

    /** The credentials an issuance gave, each with the key it is bound to (for presentations). */
    @SuppressWarnings("unchecked")
    void addCredentials(ReferenceWallet.Issuance issuance) {
        addKeys(issuance.keys());
        List<Object> held = new ArrayList<>((List<Object>) values.getOrDefault("credentials", List.of()));
        for (int i = 0; i < issuance.credentials().size(); i++) {
            held.add(Map.of("kid", issuance.keys().keys().get(i).kid(), "credential", issuance.credentials().get(i).compact()));
        }
        values.put("credentials", held);
    }

    /** A held credential and its key, newest first. */
    record Held(String credential, RemoteKey key) {
    }

    @SuppressWarnings("unchecked")
    List<Held> credentials() {
        List<Held> held = new ArrayList<>();
        for (Map<String, Object> entry : (List<Map<String, Object>>) values.getOrDefault("credentials", List.of())) {
            RemoteKey key = key((String) entry.get("kid"));
            if (key != null) {
                held.add(0, new Held((String) entry.get("credential"), key));
            }
        }
        return held;
    }

    /** Written to a temporary file and moved, so that an interrupted run leaves the old state whole. */
    void save() throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "wallet", ".tmp");
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: the directory's own protection applies
        }
        Files.writeString(temporary, JsonUtil.toJson(values), StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

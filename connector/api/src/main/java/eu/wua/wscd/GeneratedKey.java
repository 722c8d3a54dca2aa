package eu.wua.wscd;

import java.security.interfaces.ECPublicKey;

/** A key pair just generated in the WSCD: its handle and its public half. */
public record GeneratedKey(KeyHandle handle, ECPublicKey publicKey) {
}

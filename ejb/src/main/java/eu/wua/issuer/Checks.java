package eu.wua.issuer;

import java.util.ArrayList;
import java.util.List;

/**
 * One run of a verifier, step by step: each named check passed or failed with its reason. An
 * issuance runs the steps and changes state (a c_nonce used up, a KA marked used); an inspection
 * (the console's attestation inspector) runs the very same steps without changing anything, and
 * may ask for the strict KA typ rule whatever the issuer is configured with.
 */
public final class Checks {

    public enum Outcome { PASSED, FAILED }

    /** A check as the inspector shows it; {@code code} is the wire error code of a failure. */
    public record Check(String name, Outcome outcome, String reason, String code, String detail) {
    }

    @FunctionalInterface
    public interface Step<T> {
        T run() throws IssuanceRejection;
    }

    @FunctionalInterface
    public interface Action {
        void run() throws IssuanceRejection;
    }

    private final boolean inspection;
    private final List<String> keyAttestationTypes;
    private final List<Check> checks = new ArrayList<>();

    private Checks(boolean inspection, List<String> keyAttestationTypes) {
        this.inspection = inspection;
        this.keyAttestationTypes = keyAttestationTypes;
    }

    /** The checks of a real request: state changes happen. */
    public static Checks forIssuance() {
        return new Checks(false, null);
    }

    /** Read-only checks; {@code keyAttestationTypes} overrides the configured KA typs when not null. */
    public static Checks forInspection(List<String> keyAttestationTypes) {
        return new Checks(true, keyAttestationTypes);
    }

    public <T> T check(String name, Step<T> step) throws IssuanceRejection {
        try {
            T result = step.run();
            checks.add(new Check(name, Outcome.PASSED, null, null, ""));
            return result;
        } catch (IssuanceRejection e) {
            checks.add(new Check(name, Outcome.FAILED, e.reason().name(), e.reason().wireCode(), e.getMessage()));
            throw e;
        }
    }

    public void check(String name, Action action) throws IssuanceRejection {
        check(name, () -> {
            action.run();
            return null;
        });
    }

    /** True when nothing may change: nonces are looked at, not used up; a KA is not marked used. */
    public boolean inspection() {
        return inspection;
    }

    List<String> keyAttestationTypes(List<String> configured) {
        return keyAttestationTypes == null ? configured : keyAttestationTypes;
    }

    public List<Check> all() {
        return List.copyOf(checks);
    }
}

package eu.wua.platform;

import java.time.Instant;
import java.util.List;

/**
 * A capability's rows that only matter until some time: single-use nonces and proof jtis. The
 * capability says which and until when, as it alone knows the checks that still need them;
 * {@link ExpiredRowPruning} deletes them. A CDI bean of each capability implements it.
 */
public interface ExpiringRows {

    /** The rules for the rows no check can need any more at {@code now}. */
    List<ExpiryRule> rules(Instant now);

    /**
     * Rows of {@code entity} whose {@code instantField} is before {@code cutoff}; {@code name} is what
     * the log calls them and keys their pruning's turn. Names are the capability's own entity and field
     * names, never input.
     */
    record ExpiryRule(String name, String entity, String instantField, Instant cutoff) {

        public ExpiryRule {
            if (!isIdentifier(entity) || !isIdentifier(instantField)) {
                throw new IllegalArgumentException("not an entity and field name: " + entity + "." + instantField);
            }
        }

        private static boolean isIdentifier(String name) {
            return !name.isEmpty() && Character.isJavaIdentifierStart(name.charAt(0))
                    && name.chars().allMatch(Character::isJavaIdentifierPart);
        }
    }
}

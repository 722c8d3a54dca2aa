/**
 * The trust capability's entities: its tables, as the Flyway migrations in {@code sql/} define them.
 * Only {@code eu.wua.trust} in the ejb module queries them (docs/ARCHITECTURE.md has the rule).
 */
package eu.wua.trust;

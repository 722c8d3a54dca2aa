/**
 * The embedded default's demo data, seeded through the services an administrator uses.
 * <p>Owns no tables. May use every capability (it is the top layer; nothing uses it).
 */
package eu.wua.demo;

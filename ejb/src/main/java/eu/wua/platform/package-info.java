/**
 * The platform's own life: schema migration at start-up, its keys in the WSCD with their
 * certificates, settings, and the demo data of the embedded default.
 */
package eu.wua.platform;

/** What the platform itself keeps: its own keys' certificates and the steps run once per database. */
package eu.wua.platform;

/** The people who run the platform: console users and their roles. */
package eu.wua.console;

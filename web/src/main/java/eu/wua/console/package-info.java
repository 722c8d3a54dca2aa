/** The console's web side: sign-in (Jakarta Security form login) and the Faces views' beans. */
package eu.wua.console;

/** Token Status Lists: allocating indexes (random, never reused) for attestations and credentials. */
package eu.wua.status;

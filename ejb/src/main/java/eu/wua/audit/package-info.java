/** The audit trail: every capability records its security-relevant events here. */
package eu.wua.audit;

/**
 * The platform capability's HTTP endpoints: parse at the edge, call one of its beans, answer its result
 * or its refusal as JSON. May use the ejb module's capabilities; holds no rule of its own.
 */
package eu.wua.platform;

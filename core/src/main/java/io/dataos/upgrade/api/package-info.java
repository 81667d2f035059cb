/**
 * The engine's front door: the runbooks (plan, upgrade, rollback, verify, report), each one type
 * configured by a request with one {@code run} returning a typed result, and the ports a front door
 * provides ({@link io.dataos.upgrade.api.RunbookPorts}). The command line imports nothing else of
 * core; the handlers and everything under them stay behind this package.
 */
package io.dataos.upgrade.api;

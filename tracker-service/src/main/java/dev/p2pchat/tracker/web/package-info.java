/**
 * The REST API of the tracker: controllers, request and response bodies, problem+json
 * error mapping.
 */
@NullMarked
package dev.p2pchat.tracker.web;

import org.jspecify.annotations.NullMarked;

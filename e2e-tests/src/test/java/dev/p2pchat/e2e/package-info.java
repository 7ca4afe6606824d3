/**
 * End-to-end checks of the deployment artefacts: the Kubernetes manifests rendered
 * against the services' configuration, and the tracker and three peers running as
 * containers built from the repository's Dockerfile.
 */
@NullMarked
package dev.p2pchat.e2e;

import org.jspecify.annotations.NullMarked;

/**
 * Statistics, the Markdown report and the SVG chart.
 */
@NullMarked
package dev.p2pchat.bench.report;

import org.jspecify.annotations.NullMarked;

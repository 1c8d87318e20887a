/**
 * The deterministic demo corpus ({@code jobs/demo}, the benchmarks, the tests): synthetic stems,
 * their mixtures and degraded estimates, written through {@code io}. Above {@code io}, below the
 * jobs and the CLI, so that every layer's tests can use it.
 */
package org.wienerspark.demo;

/**
 * The demo company loaded on first start, so that a laptop install shows a working product at once. Sits above every
 * other module because it fills them all through their APIs.
 */
@NullMarked
package io.backchannel.demo;

import org.jspecify.annotations.NullMarked;

/**
 * RSS, Atom and JSON Feed documents read safely: bounded in size, DOCTYPEs (and with them external entities and
 * entity bombs) refused, encodings from the byte-order mark, the XML declaration and the HTTP charset.
 */
@NullMarked
package io.backchannel.channels.internal.feeds;

import org.jspecify.annotations.NullMarked;

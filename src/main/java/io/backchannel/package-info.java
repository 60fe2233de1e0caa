@NullMarked
package io.backchannel;

import org.jspecify.annotations.NullMarked;

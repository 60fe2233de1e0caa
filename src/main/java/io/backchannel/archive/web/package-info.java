@NullMarked
package io.backchannel.archive.web;

import org.jspecify.annotations.NullMarked;

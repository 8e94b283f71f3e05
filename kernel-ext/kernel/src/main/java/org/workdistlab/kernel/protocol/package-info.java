/**
 * The Jupyter messaging protocol (spec 5.3) without sockets: headers, message records, HMAC-SHA256 signing and
 * the multipart wire format. Content records follow one naming rule: {@code execute_request} becomes
 * {@link org.workdistlab.kernel.protocol.Messages.ExecuteRequest}, an IOPub type such as {@code stream} becomes
 * {@link org.workdistlab.kernel.protocol.Messages.StreamMessage}.
 */
package org.workdistlab.kernel.protocol;

//! Framing: every Kafka request and response is an int32 size followed by that many bytes.
//!
//! A size that is negative or above `socket.request.max.bytes` ends the connection, as Kafka's
//! `InvalidReceiveException` does, before anything is allocated for it; the frame's bytes are
//! then read as they arrive, so a client that claims a large frame and sends nothing holds no
//! more memory than it sent. A clean end of stream between frames is not an error.

use bytes::{BufMut, Bytes, BytesMut};
use kafka_protocol::messages::ResponseHeader;
use kafka_protocol::protocol::Encodable;
use tokio::io::{AsyncRead, AsyncReadExt};

/// Kafka's default `socket.request.max.bytes` (100 MiB).
pub const DEFAULT_SOCKET_REQUEST_MAX_BYTES: usize = 104_857_600;

/// Why a connection's frames stopped.
#[derive(Debug, thiserror::Error)]
pub enum FrameError {
    /// The socket failed, or closed in the middle of a frame.
    #[error("connection failed: {0}")]
    Io(#[from] std::io::Error),
    /// A negative size.
    #[error("a frame of negative size {0}")]
    Negative(i32),
    /// A size above `socket.request.max.bytes`.
    #[error(
        "a frame of {size} bytes is larger than socket.request.max.bytes ({max}); \
         is this a Kafka client?"
    )]
    TooLarge {
        /// The size claimed.
        size: usize,
        /// The limit.
        max: usize,
    },
}

/// Reads the next frame; `None` when the peer closed the connection between frames.
pub async fn read_frame<R: AsyncRead + Unpin>(
    reader: &mut R,
    max_bytes: usize,
) -> Result<Option<Bytes>, FrameError> {
    let mut size = [0u8; 4];
    let mut got = 0;
    while got < 4 {
        let n = reader.read(&mut size[got..]).await?;
        if n == 0 {
            if got == 0 {
                return Ok(None);
            }
            return Err(std::io::Error::from(std::io::ErrorKind::UnexpectedEof).into());
        }
        got += n;
    }
    let size = i32::from_be_bytes(size);
    let size = usize::try_from(size).map_err(|_| FrameError::Negative(size))?;
    if size > max_bytes {
        return Err(FrameError::TooLarge { size, max: max_bytes });
    }
    let mut frame = BytesMut::with_capacity(size.min(64 * 1024));
    while frame.len() < size {
        frame.reserve((size - frame.len()).min(1024 * 1024));
        let want = size - frame.len();
        let n = (&mut *reader).take(want as u64).read_buf(&mut frame).await?;
        if n == 0 {
            return Err(std::io::Error::from(std::io::ErrorKind::UnexpectedEof).into());
        }
    }
    Ok(Some(frame.freeze()))
}

/// A response frame: size, header (version `header_version`) and `body`.
pub fn response_frame(correlation_id: i32, header_version: i16, body: &[u8]) -> Bytes {
    let mut header = ResponseHeader::default();
    header.correlation_id = correlation_id;
    let mut head = BytesMut::with_capacity(8);
    // A response header is an int32 and, from version 1, an empty tagged-field section.
    if header.encode(&mut head, header_version).is_err() {
        head.clear();
        head.put_i32(correlation_id);
        if header_version >= 1 {
            head.put_u8(0);
        }
    }
    let mut frame = BytesMut::with_capacity(4 + head.len() + body.len());
    frame.put_u32((head.len() + body.len()) as u32);
    frame.extend_from_slice(&head);
    frame.extend_from_slice(body);
    frame.freeze()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn frames_are_read_whole_and_the_end_between_frames_is_clean() {
        let mut input: &[u8] = &[0, 0, 0, 3, b'a', b'b', b'c', 0, 0, 0, 0];
        assert_eq!(read_frame(&mut input, 100).await.unwrap(), Some(Bytes::from_static(b"abc")));
        assert_eq!(read_frame(&mut input, 100).await.unwrap(), Some(Bytes::new()));
        assert_eq!(read_frame(&mut input, 100).await.unwrap(), None);
    }

    #[tokio::test]
    async fn sizes_beyond_the_limit_or_negative_are_refused_before_reading() {
        let mut big: &[u8] = &[0, 0, 1, 0];
        assert!(matches!(
            read_frame(&mut big, 255).await,
            Err(FrameError::TooLarge { size: 256, max: 255 })
        ));
        let mut negative: &[u8] = &[0xff, 0xff, 0xff, 0xfe];
        assert!(matches!(read_frame(&mut negative, 255).await, Err(FrameError::Negative(-2))));
    }

    #[tokio::test]
    async fn an_end_inside_a_frame_is_an_error() {
        let mut cut: &[u8] = &[0, 0, 0, 9, 1, 2];
        assert!(matches!(read_frame(&mut cut, 100).await, Err(FrameError::Io(_))));
        let mut cut_size: &[u8] = &[0, 0];
        assert!(matches!(read_frame(&mut cut_size, 100).await, Err(FrameError::Io(_))));
    }

    #[test]
    fn response_headers_follow_their_version() {
        assert_eq!(&response_frame(7, 0, b"x")[..], &[0, 0, 0, 5, 0, 0, 0, 7, b'x']);
        assert_eq!(&response_frame(7, 1, b"")[..], &[0, 0, 0, 5, 0, 0, 0, 7, 0]);
    }
}

using System.Text;

namespace EmailGuard.Gateway.Tests.Support;

internal static class Messages
{
    public static byte[] Simple(string subject = "hello") => Encoding.ASCII.GetBytes($"From: a@school.test\r\nSubject: {subject}\r\n\r\nbody\r\n");

    public static MemoryStream Stream(byte[] bytes) => new(bytes, writable: false);
}

namespace LeakAgent.Snapshots.Format;

/// <summary>
/// The node blob's signed compressed integers: big-endian 7-bit groups, 0x80 marks "more follows", the first
/// group is sign-extended from bit 0x40; an int32 takes at most 5 bytes.
/// </summary>
internal static class CompressedInt
{
    public const int MaxLength = 5;

    public static int Length(int value)
    {
        int length = 1;
        long limit = 0x40;
        while (length < MaxLength && (value >= limit || value < -limit))
        {
            length++;
            limit <<= 7;
        }
        return length;
    }

    public static int Write(Span<byte> destination, int value)
    {
        int length = Length(value);
        for (int i = 0; i < length; i++)
        {
            int shift = 7 * (length - 1 - i);
            byte group = (byte)((value >> shift) & 0x7F);
            destination[i] = i < length - 1 ? (byte)(group | 0x80) : group;
        }
        return length;
    }

    /// <summary>Decodes at <paramref name="position"/>; false if the value runs past the end or over 5 bytes.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, ref int position, out int value)
    {
        value = 0;
        if (position >= source.Length)
        {
            return false;
        }
        byte b = source[position++];
        long result = b & 0x7F;
        if ((b & 0x40) != 0)
        {
            result -= 0x80;
        }
        int count = 1;
        while ((b & 0x80) != 0)
        {
            if (position >= source.Length || count == MaxLength)
            {
                return false;
            }
            b = source[position++];
            result = (result << 7) | (uint)(b & 0x7F);
            count++;
        }
        if (result is > int.MaxValue or < int.MinValue)
        {
            return false;
        }
        value = (int)result;
        return true;
    }
}

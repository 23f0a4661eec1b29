namespace Contoso.Reports;

/// <summary>Renders reports into large buffers that live for a few batches and are then dropped: a sawtooth.</summary>
internal sealed class ReportRenderer
{
    private readonly List<byte[]> _batch = [];

    public long Rendered { get; private set; }

    public async Task<int> RenderAsync(byte[] template)
    {
        await Task.Yield();
        var buffer = new byte[1024 * 1024];
        template.CopyTo(buffer, 0);
        _batch.Add(buffer);
        if (_batch.Count >= 48)
        {
            // Up to 48 MB live, then all of it dropped: the heap saws between a few MB and ~50 MB.
            _batch.Clear();
        }

        Rendered++;
        return buffer.Length;
    }
}

using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace LeakAgent.Benchmarks.Statics;

/// <summary>
/// Emits an app-like assembly (non-collectible, so the scan reads it): many types with static fields holding
/// lists, dictionaries, arrays and small holder objects with a list below them. One type in five has a static
/// constructor; half of those have run it, half never do (the runtime flag is read for those every scan).
/// </summary>
internal static class GeneratedStatics
{
    public static Assembly Create(int typeCount, int fieldsPerType)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("Bench.Generated"), AssemblyBuilderAccess.Run);
        var module = assembly.DefineDynamicModule("Bench.Generated");
        Type[] fieldTypes = [typeof(List<int>), typeof(Dictionary<int, int>), typeof(int[]), typeof(Holder)];
        for (var t = 0; t < typeCount; t++)
        {
            var builder = module.DefineType($"Bench.Generated.Service{t}", TypeAttributes.Public | TypeAttributes.Class | TypeAttributes.Sealed | TypeAttributes.Abstract);
            for (var f = 0; f < fieldsPerType; f++)
            {
                builder.DefineField($"s_field{f}", fieldTypes[f % fieldTypes.Length], FieldAttributes.Public | FieldAttributes.Static);
            }

            var withConstructor = t % 5 == 0;
            if (withConstructor)
            {
                builder.DefineTypeInitializer().GetILGenerator().Emit(OpCodes.Ret);
            }

            var type = builder.CreateType();
            if (withConstructor && t % 10 == 5)
            {
                continue; // never initialized: its statics stay unread
            }

            if (withConstructor)
            {
                RuntimeHelpers.RunClassConstructor(type.TypeHandle);
            }

            foreach (var field in type.GetFields())
            {
                field.SetValue(null, Value(field.FieldType, t));
            }
        }

        return assembly;
    }

    private static object Value(Type type, int seed)
    {
        var size = 1 + (seed % 16);
        if (type == typeof(List<int>))
        {
            return Enumerable.Range(0, size).ToList();
        }

        if (type == typeof(Dictionary<int, int>))
        {
            return Enumerable.Range(0, size).ToDictionary(i => i);
        }

        return type == typeof(int[]) ? new int[size] : new Holder();
    }
}

using System.Reflection;
using System.Reflection.Emit;

namespace LeakAgent.Benchmarks.Services;

/// <summary>Emits an app-like assembly (non-collectible, so the scan treats it as the app's) of N service classes
/// deriving from <see cref="ServiceBase"/>.</summary>
internal static class GeneratedServices
{
    public static IReadOnlyList<Type> Create(int count)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("Bench.Services"), AssemblyBuilderAccess.Run);
        var module = assembly.DefineDynamicModule("Bench.Services");
        var baseConstructor = typeof(ServiceBase).GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes)!;
        var types = new List<Type>(count);
        for (var i = 0; i < count; i++)
        {
            var builder = module.DefineType($"Bench.Services.Service{i}", TypeAttributes.Public | TypeAttributes.Class | TypeAttributes.Sealed, typeof(ServiceBase));
            var il = builder.DefineConstructor(MethodAttributes.Public, CallingConventions.Standard, Type.EmptyTypes).GetILGenerator();
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Call, baseConstructor);
            il.Emit(OpCodes.Ret);
            types.Add(builder.CreateType());
        }

        return types;
    }
}

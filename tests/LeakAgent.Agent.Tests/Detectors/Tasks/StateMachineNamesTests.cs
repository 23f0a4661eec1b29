using LeakAgent.Agent.Detectors.PendingTasks;
using Xunit;

namespace LeakAgent.Agent.Tests.Detectors.Tasks.Fixtures
{
    internal static class ProfileStore
    {
        public static async Task<int> PersistProfileAsync()
        {
            await Task.Yield();
            return 1;
        }
    }
}

namespace LeakAgent.Agent.Tests.Detectors.Tasks
{
    public sealed class StateMachineNamesTests
    {
        [Fact]
        public async Task Resolve_AppStateMachine_GivesNamespaceTypeMethod()
        {
            Assert.Equal(1, await Fixtures.ProfileStore.PersistProfileAsync());
            var stateMachine = typeof(Fixtures.ProfileStore).GetNestedTypes(System.Reflection.BindingFlags.NonPublic).Single(t => t.Name.StartsWith("<PersistProfileAsync>", StringComparison.Ordinal));

            var name = new StateMachineNames().Resolve("Async: " + stateMachine.Name);

            Assert.Equal("LeakAgent.Agent.Tests.Detectors.Tasks.Fixtures.ProfileStore.PersistProfileAsync", name);
        }

        [Theory]
        [InlineData("Async: <NoSuchMethodAnywhere>d__7", "NoSuchMethodAnywhere")]
        [InlineData("Task.Delay", "Task.Delay")]
        public void Resolve_UnknownOrNonAsyncNames_FallBackToTheMethodOrTheName(string operation, string expected)
        {
            Assert.Equal(expected, new StateMachineNames().Resolve(operation));
        }
    }
}

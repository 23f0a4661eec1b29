namespace LeakAgent.Snapshots.Graph;

/// <summary>
/// Names a static-field root better than the heap-walk events can. The runtime's BulkRootStaticVar event reports
/// the field's own type, not the type that declares it (upstream dumps say <c>[static var NameValidator.Name]</c>
/// for <c>Validators.Name</c>); a collector running inside the process can look the declaring type up.
/// </summary>
/// <param name="reportedTypeName">The type the event reported, in gcdump form.</param>
/// <param name="fieldName">The field name the event reported.</param>
/// <returns>The declaring type and field to show, or null to keep the event's names.</returns>
public delegate StaticFieldName? StaticFieldNamer(string reportedTypeName, string fieldName);

/// <summary>A static field's display name: <c>[static var TypeName.FieldName]</c>.</summary>
/// <param name="TypeName">The declaring type, in gcdump form.</param>
/// <param name="FieldName">The field (or, for an auto-property's backing field, the property) name.</param>
public readonly record struct StaticFieldName(string TypeName, string FieldName);

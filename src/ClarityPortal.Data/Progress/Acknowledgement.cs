namespace ClarityPortal.Data.Progress;

/// <summary>How a patient acknowledged a module: "I've read and understood this", or "I have a question".</summary>
public enum Acknowledgement
{
    Understood,
    Question,
}
